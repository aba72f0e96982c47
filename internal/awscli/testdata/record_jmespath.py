"""Records what the Python jmespath package (the AWS CLI's) returns for each
expression in jmespath-expressions.txt over jmespath-data.json, as the AWS
CLI's json output prints it. Re-record with:

    python3 internal/awscli/testdata/record_jmespath.py

The Go test compares internal/awscli's --query with jmespath-results.json.
"""
import json
import os
import warnings

import jmespath

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "jmespath-data.json")) as f:
    data = json.load(f)
with open(os.path.join(here, "jmespath-expressions.txt")) as f:
    exprs = [line.rstrip("\n") for line in f if line.strip()]
out = []
warnings.simplefilter("ignore")
for e in exprs:
    try:
        r = jmespath.search(e, data)
        out.append({"expression": e, "output": json.dumps(r, indent=4, ensure_ascii=False) + "\n"})
    except jmespath.exceptions.JMESPathError as err:
        out.append({"expression": e, "error": type(err).__name__})
with open(os.path.join(here, "jmespath-results.json"), "w") as f:
    json.dump({"jmespath": jmespath.__version__, "results": out}, f, indent=1, ensure_ascii=False)
    f.write("\n")
