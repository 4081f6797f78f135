/** What a session has done so far, as policies and guards see it. */
package dev.bulwark.spi.session;
