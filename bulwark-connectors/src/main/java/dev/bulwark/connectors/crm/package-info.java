/**
 * The built-in demo CRM: a small SQLite customer database offered as the {@code crm} connector, so an embedded
 * gateway does something real out of the box. All SQL is parameterized; arguments are data, never SQL.
 */
package dev.bulwark.connectors.crm;
