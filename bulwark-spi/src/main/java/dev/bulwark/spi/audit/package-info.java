/** The tamper-evident record of every decision and action. */
package dev.bulwark.spi.audit;
