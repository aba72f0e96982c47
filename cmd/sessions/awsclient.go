package main

import (
	"crypto/ed25519"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
)

// placeholderPEM returns a throwaway self-signed certificate in PEM.
func placeholderPEM() ([]byte, error) {
	pub, key, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, err
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), NotAfter: time.Now().Add(time.Hour)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, pub, key)
	if err != nil {
		return nil, err
	}
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), nil
}

// httpClient builds the SDK's HTTP client with the AWS CLI's timeouts (60
// seconds to connect and to read by default, 0 for none) and CA bundle:
// --ca-bundle, else AWS_CA_BUNDLE, else the profile's ca_bundle.
func (c *connection) httpClient() (aws.HTTPClient, error) {
	bundle := c.caBundle
	if bundle == "" {
		bundle = os.Getenv("AWS_CA_BUNDLE")
	}
	if bundle == "" {
		bundle = profileSetting(c.profile, "ca_bundle")
	}
	var pool *x509.CertPool
	if bundle != "" {
		pem, err := os.ReadFile(bundle)
		switch {
		case err != nil && strings.HasPrefix(c.endpoint, "http://"):
			// Like the AWS CLI, which reads the bundle only for TLS.
		case err != nil:
			return nil, &failure{fmt.Sprintf("Could not read the CA bundle %s: %v", bundle, errors.Unwrap(err))}
		default:
			pool = x509.NewCertPool()
			if !pool.AppendCertsFromPEM(pem) {
				return nil, &failure{fmt.Sprintf("The CA bundle %s holds no PEM certificate", bundle)}
			}
		}
	}
	b := awshttp.NewBuildableClient().WithTransportOptions(func(tr *http.Transport) {
		if tr.TLSClientConfig == nil {
			tr.TLSClientConfig = &tls.Config{}
		}
		if pool != nil {
			tr.TLSClientConfig.RootCAs = pool
		}
		// The user asked for it with --no-verify-ssl, as in the AWS CLI.
		tr.TLSClientConfig.InsecureSkipVerify = c.noVerifySSL //nolint:gosec
		tr.ResponseHeaderTimeout = c.readTimeout
	}).WithDialerOptions(func(d *net.Dialer) { d.Timeout = c.connectTimeout })
	if c.readTimeout > 0 {
		b = b.WithReadTimeout(c.readTimeout)
	}
	return b, nil
}
