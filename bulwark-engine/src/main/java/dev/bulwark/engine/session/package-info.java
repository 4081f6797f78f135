/**
 * Sessions: which task a call belongs to ({@link dev.bulwark.engine.session.TaskKeys}) and the in-memory store, for a
 * single gateway. The store contract is in {@code dev.bulwark.spi.session}; the database store is the plugin
 * {@code bulwark-sessions}.
 */
package dev.bulwark.engine.session;
