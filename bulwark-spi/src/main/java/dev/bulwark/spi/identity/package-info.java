/**
 * Who is calling: agents, the users they act for, and the verified {@link dev.bulwark.spi.identity.Principal}
 * an {@link dev.bulwark.spi.identity.Authenticator} makes of a credential.
 */
package dev.bulwark.spi.identity;
