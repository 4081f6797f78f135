/**
 * The engine: the ordered call pipeline every tool call goes through, the tool registry, sessions, argument
 * validation and redaction. It knows plugins only through the SPI.
 */
package dev.bulwark.engine;
