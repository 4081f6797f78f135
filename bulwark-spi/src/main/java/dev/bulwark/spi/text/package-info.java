/**
 * Reading text as a person sees it, shared by the modules that match values in text (guards, flow control); JDK only.
 */
package dev.bulwark.spi.text;
