/** Quality measurement of the PII detector on labelled data in presidio-research's format. */
package dev.bulwark.guards.eval;
