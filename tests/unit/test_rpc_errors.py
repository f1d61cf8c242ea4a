"""A runtime's JSON-RPC error answer becomes an RpcError with what it quotes of secrets masked."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import trio

from orchestra import RpcError, Secret, _native
from orchestra.runtime._rpc import RpcRoute

KEY = Secret("azure-RPCCANARY-0123456789")

#: Answers the first request with an error that quotes the key it was given.
REFUSE = r"""
import json, sys
request = json.loads(sys.stdin.readline())
key = request["params"]["apiKey"]
error = {"code": -32600, "message": f"invalid key {key}", "data": {"echo": key, "hint": "sk-abcdefgh1234"}}
sys.stdout.write(json.dumps({"id": request["id"], "error": error}) + "\n")
sys.stdout.flush()
sys.stdin.readline()
"""


async def test_an_error_answer_quoting_the_key_is_masked(tmp_path: Path) -> None:
    script = tmp_path / "refuse.py"
    script.write_text(REFUSE)
    conn = _native.Connection([sys.executable, str(script)])
    rpc = RpcRoute(conn, conn.open_route())
    try:
        with trio.fail_after(10):
            async with trio.open_nursery() as nursery:
                nursery.start_soon(rpc.run, lambda message: None)
                with pytest.raises(RpcError) as info:
                    await rpc.request("account/login/start", {"type": "apiKey", "apiKey": KEY.reveal()})
                nursery.cancel_scope.cancel()
    finally:
        rpc.close()
        conn.close(1.0)
    error = info.value
    assert error.code == -32600 and "invalid key ***" in error.rpc_message
    for text in (str(error), repr(error), error.rpc_message, repr(error.data)):
        assert KEY.reveal() not in text and "sk-abcdefgh1234" not in text
