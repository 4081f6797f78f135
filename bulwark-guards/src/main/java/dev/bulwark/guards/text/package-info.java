/** Text preparation for matching: NFKC normalisation, invisible characters, spans mapped back to the original. */
package dev.bulwark.guards.text;
