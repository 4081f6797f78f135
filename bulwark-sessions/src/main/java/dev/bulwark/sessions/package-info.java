/**
 * Session (agent task) state in a SQL database (SQLite or PostgreSQL), so every gateway on that database decides a
 * task's calls from the same facts and a restart forgets nothing. Depends on the SPI only.
 */
package dev.bulwark.sessions;
