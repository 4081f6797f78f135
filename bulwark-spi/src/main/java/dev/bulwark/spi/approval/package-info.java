/**
 * Human approval of tool calls: a call whose permit carries {@code @approval} becomes an {@link
 * dev.bulwark.spi.approval.ApprovalRequest} bound to the exact call, kept in an {@link
 * dev.bulwark.spi.approval.ApprovalStore} until a human approves or denies it, it expires, or the approved call uses it.
 */
package dev.bulwark.spi.approval;
