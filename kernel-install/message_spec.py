"""The Jupyter messaging spec 5.3 as checks: every message's parts, its header, and the content of each reply and
iopub message a kernel sends (https://jupyter-client.readthedocs.io/en/stable/messaging.html). A check raises
AssertionError naming the message type and the field.

    validate(msg)              # any message from the kernel: parts, header, parent header, content by msg_type
"""
import re

ISO_DATE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:?\d\d)?$")


def _is(kind):
    return lambda v: isinstance(v, kind) and not (kind is int and isinstance(v, bool))


STR, INT, BOOL, DICT, LIST = _is(str), _is(int), _is(bool), _is(dict), _is(list)


def ONE_OF(*values):
    return lambda v: v in values


def LIST_OF(check):
    return lambda v: isinstance(v, list) and all(check(x) for x in v)


MIME_TYPE = re.compile(r"^[\w\-+.]+/[\w\-+.]+$")


def MIME_BUNDLE(v):
    return isinstance(v, dict) and all(isinstance(k, str) and MIME_TYPE.match(k) for k in v)


def PAYLOAD(v):
    # an execute reply's payload entry; "page" (help text for the pager) has a MIME bundle and a start line
    if not (isinstance(v, dict) and STR(v.get("source"))):
        return False
    return v["source"] != "page" or (MIME_BUNDLE(v.get("data")) and STR(v["data"].get("text/plain"))
                                     and INT(v.get("start", 0)))


def HELP_LINK(v):
    return isinstance(v, dict) and STR(v.get("text")) and STR(v.get("url"))


def HISTORY_ENTRY(v):
    # [session, line, input] or [session, line, [input, output]]
    if not (isinstance(v, list) and len(v) == 3 and INT(v[0]) and INT(v[1])):
        return False
    return STR(v[2]) or (isinstance(v[2], list) and len(v[2]) == 2 and STR(v[2][0])
                         and (v[2][1] is None or STR(v[2][1])))


def LANGUAGE_INFO(v):
    return isinstance(v, dict) and STR(v.get("name")) and STR(v.get("version")) \
        and STR(v.get("mimetype")) and STR(v.get("file_extension"))


# content schemas: field -> check; "?field" is optional
ERROR_REPLY = {"status": ONE_OF("error"), "ename": STR, "evalue": STR, "traceback": LIST_OF(STR)}
SCHEMAS = {
    "kernel_info_reply": {"status": ONE_OF("ok"), "protocol_version": STR, "implementation": STR,
                          "implementation_version": STR, "language_info": LANGUAGE_INFO, "banner": STR,
                          "?help_links": LIST_OF(HELP_LINK), "?debugger": BOOL},
    "execute_reply": {"status": ONE_OF("ok", "error", "aborted"), "execution_count": INT,
                      "?user_expressions": DICT, "?payload": LIST_OF(PAYLOAD)},
    "inspect_reply": {"status": ONE_OF("ok"), "found": BOOL, "data": MIME_BUNDLE, "metadata": DICT},
    "complete_reply": {"status": ONE_OF("ok"), "matches": LIST_OF(STR), "cursor_start": INT, "cursor_end": INT,
                       "metadata": DICT},
    "is_complete_reply": {"status": ONE_OF("complete", "incomplete", "invalid", "unknown"), "?indent": STR},
    "history_reply": {"status": ONE_OF("ok"), "history": LIST_OF(HISTORY_ENTRY)},
    "comm_info_reply": {"status": ONE_OF("ok"), "comms": lambda v: isinstance(v, dict) and all(
        isinstance(c, dict) and STR(c.get("target_name")) for c in v.values())},
    "shutdown_reply": {"status": ONE_OF("ok"), "restart": BOOL},
    "interrupt_reply": {"status": ONE_OF("ok")},
    # iopub
    "status": {"execution_state": ONE_OF("busy", "idle", "starting")},
    "execute_input": {"code": STR, "execution_count": INT},
    "stream": {"name": ONE_OF("stdout", "stderr"), "text": STR},
    "display_data": {"data": MIME_BUNDLE, "metadata": DICT, "?transient": DICT},
    "update_display_data": {"data": MIME_BUNDLE, "metadata": DICT,
                            "transient": lambda v: isinstance(v, dict) and STR(v.get("display_id"))},
    "execute_result": {"execution_count": INT, "data": MIME_BUNDLE, "metadata": DICT, "?transient": DICT},
    "error": {"ename": STR, "evalue": STR, "traceback": LIST_OF(STR)},
    "clear_output": {"wait": BOOL},
}
HEADER = {"msg_id": STR, "session": STR, "username": STR, "date": lambda v: v is not None, "msg_type": STR,
          "version": lambda v: STR(v) and v.startswith("5.")}


def check_fields(where, schema, obj):
    assert isinstance(obj, dict), f"{where}: not a JSON object: {obj!r}"
    for key, check in schema.items():
        optional = key.startswith("?")
        name = key.lstrip("?")
        if name not in obj:
            assert optional, f"{where}: required field '{name}' missing in {sorted(obj)}"
            continue
        assert check(obj[name]), f"{where}: field '{name}' has a wrong value {obj[name]!r:.200}"


PARTS = {"header": DICT, "parent_header": DICT, "metadata": DICT, "content": DICT, "?buffers": LIST}


def validate(msg):
    """Checks one message (as jupyter_client returns it); returns its msg_type."""
    kind = msg["header"].get("msg_type") if isinstance(msg.get("header"), dict) else None
    check_fields(f"{kind} message", PARTS, msg)
    check_fields(f"{kind} header", HEADER, msg["header"])
    assert kind == msg["msg_type"], f"msg_type {msg['msg_type']!r} differs from the header's {kind!r}"
    parent = msg.get("parent_header")
    assert isinstance(parent, dict), f"{kind}: parent_header is not a dict"
    if kind != "status" or parent:
        assert parent.get("msg_id"), f"{kind}: parent_header without msg_id"
    content = msg["content"]
    if kind.endswith("_reply") and content.get("status") == "error":
        check_fields(kind + " (error)", ERROR_REPLY, content)
        return kind
    schema = SCHEMAS.get(kind)
    assert schema is not None, f"no schema for message type {kind!r}"
    check_fields(kind, schema, content)
    return kind
