/**
 * Shared usage counters for rate and budget limits on write actions. A store shared by all replicas (a database) makes
 * a limit hold across them; the counting is atomic so that two replicas can never both take the last unit.
 */
package dev.bulwark.spi.budget;
