/**
 * The {@code code.run} connector: agent-supplied code executed in bubblewrap namespaces (no network, read-only system
 * directories, a private tmpfs work directory) under a seccomp filter and resource limits. A start-up probe checks the
 * isolation on this host; when it fails the tool is not offered (fail closed), never run without the sandbox.
 */
package dev.bulwark.sandbox;
