/**
 * The gateway's configuration: one YAML file read into validated records. Every error names the file, line and
 * column, and an unknown key is an error rather than a silently ignored setting.
 */
package dev.bulwark.server.config;
