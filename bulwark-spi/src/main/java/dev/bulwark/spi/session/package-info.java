/**
 * Sessions (agent tasks): what a session has done so far, as policies and guards see it, and the store contract every
 * session store keeps (labels only grow, bounded per session, refused rather than trimmed at a bound).
 */
package dev.bulwark.spi.session;
