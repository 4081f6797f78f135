/**
 * Tools and the connectors that offer them: a {@link dev.bulwark.spi.tool.Connector} is a governed backend, a
 * {@link dev.bulwark.spi.tool.Tool} one action it offers agents.
 */
package dev.bulwark.spi.tool;
