"""Records what the AWS CLI v2's YAML dumper (ruamel.yaml's safe dumper, as
awscli.formatter.YAMLDumper sets it up) writes for each value in
yaml-values.json. Re-record with the Python that runs the AWS CLI v2, e.g.

    /usr/bin/python3 internal/awscli/testdata/record_yaml.py

The Go test compares AppendYAML with yaml-results.json.
"""
import io
import json
import os

from ruamel.yaml import YAML, __version__

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "yaml-values.json")) as f:
    values = json.load(f)


def dump(value):
    out = io.StringIO()
    if value is None or isinstance(value, (int, float, bool, str)):
        json.dump(value, out, ensure_ascii=False)
        out.write("\n")
        return out.getvalue()
    y = YAML(typ="safe")
    y.encoding = None
    y.representer.default_flow_style = False
    y.dump(value, out)
    return out.getvalue()


results = [{"value": v, "yaml": dump(v)} for v in values]
with open(os.path.join(here, "yaml-results.json"), "w") as f:
    json.dump({"ruamel.yaml": __version__, "results": results}, f, indent=1, ensure_ascii=False)
    f.write("\n")
