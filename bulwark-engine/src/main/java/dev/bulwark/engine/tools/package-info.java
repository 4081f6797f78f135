/**
 * The tools agents may call: {@link dev.bulwark.engine.tools.ToolRegistry} finds a tool among the connectors' current
 * lists and routes it to its connector; {@link dev.bulwark.engine.tools.ToolCatalog} filters them for one principal.
 */
package dev.bulwark.engine.tools;
