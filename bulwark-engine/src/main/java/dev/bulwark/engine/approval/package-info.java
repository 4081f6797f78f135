/**
 * The approval step: a call whose permit carries {@code @approval} runs only with a human approval bound to that
 * exact call ({@link dev.bulwark.engine.approval.CallBinding}), used once; otherwise it is paused as a durable request.
 */
package dev.bulwark.engine.approval;
