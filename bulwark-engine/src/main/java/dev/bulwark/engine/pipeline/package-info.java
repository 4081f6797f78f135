/**
 * The call pipeline: {@link dev.bulwark.engine.pipeline.CallPipeline} runs a {@link dev.bulwark.engine.pipeline.CallRequest}
 * through an ordered list of {@link dev.bulwark.engine.pipeline.CallStep}s (audit outermost, then authenticate, resolve
 * tool, validate arguments, session, flow, decide, record the attempt of a side effect, execute, screen output) and
 * answers a {@link dev.bulwark.engine.pipeline.CallOutcome}. Every step fails closed.
 */
package dev.bulwark.engine.pipeline;
