# The local Python runtime: what runs inside a worker process under `sst start`. It does what
# AWS's Python runtime interface client (awslambdaric) does: import the handler, then poll the
# Runtime API (AWS_LAMBDA_RUNTIME_API) for invocations and post each result or error back.
# Error types and messages are awslambdaric's, so a handler fails here as it fails in Lambda.
# Standard library only, so it runs under any Python 3 without installing anything.
import decimal
import importlib
import json
import logging
import os
import signal
import sys
import time
import traceback
import urllib.error
import urllib.parse
import urllib.request

API = f"http://{os.environ['AWS_LAMBDA_RUNTIME_API']}/2018-06-01/runtime"
HANDLER = os.environ.get("_HANDLER", "")
TASK_ROOT = os.environ.get("LAMBDA_TASK_ROOT", os.getcwd())
# The Runtime API is on 127.0.0.1: never send it through the user's HTTP_PROXY.
HTTP = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class RuntimeFault(Exception):
    """A failure of the runtime rather than of the user's code, with Lambda's error type."""

    def __init__(self, error_type, message):
        super().__init__(message)
        self.error_type = error_type


class LambdaContext:
    def __init__(self, request_id, deadline_ms, function_arn):
        self.aws_request_id = request_id
        self.invoked_function_arn = function_arn
        self.function_name = os.environ.get("AWS_LAMBDA_FUNCTION_NAME")
        self.function_version = "$LATEST"
        # A string, as in Lambda (awslambdaric reads it from the environment as is).
        self.memory_limit_in_mb = os.environ.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")
        self.log_group_name = f"/aws/lambda/{self.function_name}"
        self.log_stream_name = "local"
        self.identity = None
        self.client_context = None
        self._deadline_ms = deadline_ms

    def get_remaining_time_in_millis(self):
        return max(0, int(self._deadline_ms - time.time() * 1000))


class RequestIdFilter(logging.Filter):
    request_id = None

    def filter(self, record):
        record.aws_request_id = RequestIdFilter.request_id
        return True


def install_log_handler():
    # Lambda gives the root logger a handler, so logger.setLevel(logging.INFO) alone makes
    # logger.info() print; without one here those lines would vanish.
    handler = logging.StreamHandler(sys.stdout)
    formatter = logging.Formatter("[%(levelname)s]\t%(asctime)s.%(msecs)03dZ\t%(aws_request_id)s\t%(message)s", "%Y-%m-%dT%H:%M:%S")
    formatter.converter = time.gmtime
    handler.setFormatter(formatter)
    handler.addFilter(RequestIdFilter())
    logging.getLogger().addHandler(handler)


def load_handler():
    module_name, _, function_name = HANDLER.rpartition(".")
    if not module_name:
        raise RuntimeFault("Runtime.MalformedHandlerName", f"Bad handler '{HANDLER}': expected <module>.<function>")
    # sys.path[0] is this file's folder; the code imports from the task root, as in Lambda.
    sys.path[0] = TASK_ROOT
    try:
        module = importlib.import_module(module_name.replace("/", "."))
    except ImportError as error:
        raise RuntimeFault("Runtime.ImportModuleError", f"Unable to import module '{module_name}': {error}")
    except SyntaxError as error:
        raise RuntimeFault("Runtime.UserCodeSyntaxError", f"Syntax error in module '{module_name}': {error}")
    handler = getattr(module, function_name, None)
    if not callable(handler):
        raise RuntimeFault("Runtime.HandlerNotFound", f"Handler '{function_name}' missing on module '{module_name}'")
    return handler


def error_body(error):
    if isinstance(error, RuntimeFault):
        return {"errorMessage": str(error), "errorType": error.error_type, "stackTrace": []}
    frames = [frame for frame in traceback.extract_tb(error.__traceback__) if frame.filename != __file__]
    return {"errorMessage": str(error), "errorType": type(error).__name__, "stackTrace": traceback.format_list(frames)}


def to_json(value):
    # DynamoDB numbers arrive as Decimal; Lambda's marshaller writes them as JSON numbers.
    def default(obj):
        if isinstance(obj, decimal.Decimal):
            return int(obj) if obj == obj.to_integral_value() else float(obj)
        raise TypeError(f"Object of type {type(obj).__name__} is not JSON serializable")

    return json.dumps(value, default=default)


def post(path, body, error_type=None):
    headers = {"Content-Type": "application/json"}
    if error_type:
        headers["Lambda-Runtime-Function-Error-Type"] = error_type
    request = urllib.request.Request(API + path, data=body.encode("utf-8"), headers=headers, method="POST")
    with HTTP.open(request) as response:
        response.read()


def post_error(path, error):
    body = error_body(error)
    post(path, json.dumps(body), body["errorType"])


def run_invocation(handler):
    with HTTP.open(API + "/invocation/next") as response:
        request_id = response.headers["Lambda-Runtime-Aws-Request-Id"]
        deadline_ms = int(response.headers["Lambda-Runtime-Deadline-Ms"])
        function_arn = response.headers["Lambda-Runtime-Invoked-Function-Arn"]
        os.environ["_X_AMZN_TRACE_ID"] = response.headers.get("Lambda-Runtime-Trace-Id", "")
        event = json.loads(response.read())
    RequestIdFilter.request_id = request_id
    path = f"/invocation/{urllib.parse.quote(request_id, safe='')}"
    try:
        result = handler(event, LambdaContext(request_id, deadline_ms, function_arn))
    except Exception as error:
        return post_error(path + "/error", error)
    try:
        body = to_json(result)
    except (TypeError, ValueError) as error:
        return post_error(path + "/error", RuntimeFault("Runtime.MarshalError", f"Unable to marshal response: {error}"))
    post(path + "/response", body)


def main():
    # Ctrl+C in the terminal reaches this process too: end quietly, as the Node runtime does.
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    install_log_handler()
    try:
        handler = load_handler()
    except Exception as error:
        post_error("/init/error", error)
        sys.exit(1)
    try:
        while True:
            run_invocation(handler)
    except (urllib.error.URLError, ConnectionError):
        # The Runtime API closed this worker's channel: sst start retired it or is stopping.
        sys.exit(0)


main()
