/**
 * Sessions: what one agent task has done so far (calls, labels of the data it received), bound to the principal that
 * opened it.
 */
package dev.bulwark.engine.session;
