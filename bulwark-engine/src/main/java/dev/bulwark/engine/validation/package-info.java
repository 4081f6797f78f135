/**
 * Checking a call's arguments before anything else looks at them: size and depth bounds, then the tool's JSON Schema
 * (networknt json-schema-validator, kept inside this package).
 */
package dev.bulwark.engine.validation;
