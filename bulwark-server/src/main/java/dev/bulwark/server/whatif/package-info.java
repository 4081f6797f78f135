/**
 * Policy what-if and learn mode, over the audit log: {@link dev.bulwark.server.whatif.WhatIf} asks a draft policy set
 * the questions recorded decisions answered (the decision input each tool-call record carries) and reports every
 * call whose decision would change; {@link dev.bulwark.server.whatif.PolicyLearner} proposes least-privilege Cedar
 * policies from an agent's allowed calls. See docs/security/whatif.md.
 */
package dev.bulwark.server.whatif;
