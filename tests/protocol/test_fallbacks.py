"""What the runtime may send that this schema does not know is kept, never dropped and never raised."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from orchestra.protocol import (
    AcceptWithExecpolicyAmendmentCommandExecutionApprovalDecision,
    AcceptWithExecpolicyAmendmentCommandExecutionApprovalDecisionBody,
    AgentMessageDeltaNotification,
    AgentMessageThreadItem,
    CommandExecutionRequestApprovalResponse,
    ErrorNotification,
    HttpConnectionFailedCodexErrorInfo,
    TextUserInput,
    ThreadStartParams,
    TurnCompletedNotification,
    TurnStartParams,
    UnknownEvent,
    UnknownRequest,
    UnknownVariant,
    UnparsedEvent,
    UnparsedResponseError,
    converter,
    structure_notification,
    structure_response,
    structure_server_request,
    unstructure,
)

TURN_COMPLETED: dict[str, Any] = {
    "threadId": "thr-1",
    "turn": {
        "id": "turn-1",
        "items": [
            {"type": "agentMessage", "id": "msg_1", "text": "hello", "phase": None},
            {"type": "holographicDisplay", "id": "holo_1", "frames": [1, 2, 3]},
        ],
        "itemsView": "summary",
        "status": "completed",
        "error": None,
        "durationMs": 12,
    },
}


def test_unknown_method_keeps_the_payload() -> None:
    params = {"threadId": "t", "whatever": [1, {"nested": None}]}
    event = structure_notification("thread/teleported", params)
    assert event == UnknownEvent("thread/teleported", params)
    assert isinstance(event, UnknownEvent) and event.params is params


def test_unknown_server_request_keeps_the_payload() -> None:
    params = {"question": "?"}
    assert structure_server_request("item/oracle/ask", params) == UnknownRequest("item/oracle/ask", params)


@pytest.mark.parametrize(
    "params",
    [
        None,
        "not an object",
        [1, 2],
        {},
        {"threadId": "t", "turnId": "u", "itemId": "i"},  # delta missing
        {"threadId": 5, "turnId": "u", "itemId": "i", "delta": "x"},  # wrong scalar type
        {"threadId": "t", "turnId": "u", "itemId": "i", "delta": True},
    ],
)
def test_known_method_with_garbage_params_is_unparsed(params: Any) -> None:
    event = structure_notification("item/agentMessage/delta", params)
    assert isinstance(event, UnparsedEvent)
    assert event.method == "item/agentMessage/delta"
    assert event.params is params
    assert event.error


def test_unparsed_error_says_where() -> None:
    event = structure_notification("item/agentMessage/delta", {"threadId": 5, "turnId": "u", "itemId": "i"})
    assert isinstance(event, UnparsedEvent)
    assert event.error.splitlines() == [
        "required field missing @ $.delta",
        "expected string, got integer @ $.threadId",
    ]


def test_new_item_type_becomes_unknown_variant_inside_a_typed_event() -> None:
    event = structure_notification("turn/completed", copy.deepcopy(TURN_COMPLETED))
    assert isinstance(event, TurnCompletedNotification)
    known, new = event.turn.items
    assert known == AgentMessageThreadItem(id="msg_1", text="hello")
    assert new == UnknownVariant(tag="holographicDisplay", raw=TURN_COMPLETED["turn"]["items"][1])
    # ...and it goes back on the wire as it came
    assert unstructure(event)["turn"]["items"][1] == TURN_COMPLETED["turn"]["items"][1]


def test_known_tag_with_bad_payload_is_not_hidden_as_unknown_variant() -> None:
    params = copy.deepcopy(TURN_COMPLETED)
    params["turn"]["items"][0]["text"] = 42
    event = structure_notification("turn/completed", params)
    assert isinstance(event, UnparsedEvent)
    assert "items[0]" in event.error or "items" in event.error


def test_extra_keys_from_a_newer_runtime_are_ignored() -> None:
    params = {"threadId": "t", "turnId": "u", "itemId": "i", "delta": "x", "sparkle": {"level": 9}}
    event = structure_notification("item/agentMessage/delta", params)
    assert event == AgentMessageDeltaNotification(thread_id="t", turn_id="u", item_id="i", delta="x")


def test_new_enum_value_is_kept() -> None:
    params = copy.deepcopy(TURN_COMPLETED)
    params["turn"]["status"] = "paused"
    event = structure_notification("turn/completed", params)
    assert isinstance(event, TurnCompletedNotification)
    status: str = event.turn.status  # typed as the known Literal values; may hold a new one
    assert status == "paused"


def test_error_info_union_by_shape() -> None:
    base = {"threadId": "t", "turnId": "u", "willRetry": False}
    cases: list[tuple[Any, Any]] = [
        ("usageLimitExceeded", "usageLimitExceeded"),
        ("somethingNew", "somethingNew"),
        ({"httpConnectionFailed": {"httpStatusCode": 502}}, HttpConnectionFailedCodexErrorInfo),
        ({"quantumDecoherence": {"qubits": 3}}, UnknownVariant(tag="quantumDecoherence", raw={})),
    ]
    for info, expected in cases:
        event = structure_notification("error", {**base, "error": {"message": "m", "codexErrorInfo": info}})
        assert isinstance(event, ErrorNotification), event
        got = event.error.codex_error_info
        if isinstance(expected, type):
            assert isinstance(got, expected)
        elif isinstance(expected, UnknownVariant):
            assert got == UnknownVariant(tag=expected.tag, raw=info)
        else:
            assert got == expected
        assert unstructure(event)["error"]["codexErrorInfo"] == info


def test_approval_decision_string_or_object() -> None:
    amendment = {"acceptWithExecpolicyAmendment": {"execpolicy_amendment": ["touch", "x"]}}
    typed = converter.structure({"decision": amendment}, CommandExecutionRequestApprovalResponse)
    assert typed.decision == AcceptWithExecpolicyAmendmentCommandExecutionApprovalDecision(
        accept_with_execpolicy_amendment=AcceptWithExecpolicyAmendmentCommandExecutionApprovalDecisionBody(
            execpolicy_amendment=["touch", "x"]
        )
    )
    assert unstructure(typed) == {"decision": amendment}
    answer = CommandExecutionRequestApprovalResponse(decision="acceptForSession")
    assert unstructure(answer) == {"decision": "acceptForSession"}


def test_unstructure_omits_unset_optionals_and_uses_wire_names() -> None:
    params = TurnStartParams(thread_id="t", input=[TextUserInput(text="hi")])
    assert unstructure(params) == {"threadId": "t", "input": [{"type": "text", "text": "hi"}]}
    assert unstructure(ThreadStartParams()) == {}


def test_structure_response() -> None:
    result: dict[str, Any] = {"turn": {"id": "u", "items": [], "status": "inProgress", "error": None}}
    typed = structure_response("turn/start", result)
    assert typed.turn.id == "u" and typed.turn.status == "inProgress"
    assert structure_response("no/such/method", {"x": 1}) == {"x": 1}
    with pytest.raises(UnparsedResponseError) as info:
        structure_response("turn/start", {"turn": "nope"})
    assert info.value.method == "turn/start" and info.value.result == {"turn": "nope"}


def test_scalars_are_checked_not_coerced() -> None:
    ok = {"threadId": "t", "turnId": "u", "itemId": "i", "delta": "x"}
    for bad in ({"delta": 1}, {"delta": None}, {"threadId": ["t"]}, {"itemId": {"i": 1}}):
        assert isinstance(structure_notification("item/agentMessage/delta", {**ok, **bad}), UnparsedEvent)
