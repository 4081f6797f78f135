/** Connection pools for the gateway's state: SQLite in the data directory by default, PostgreSQL for several replicas. */
package dev.bulwark.server.store;
