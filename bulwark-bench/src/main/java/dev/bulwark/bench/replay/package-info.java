/**
 * Replay of recorded agent runs through the real gateway: a directory in the AgentDojo format (tools.json,
 * injection_tasks.json, traces/*.jsonl[.gz]) plus one Bulwark configuration file per suite. Each run becomes one MCP
 * session of a fresh delegated user whose task text is the session's intent; the recorded tool calls are made in
 * order and the upstream answers each with the result recorded for it. Entry point: {@link AgentDojoReplay}.
 */
package dev.bulwark.bench.replay;
