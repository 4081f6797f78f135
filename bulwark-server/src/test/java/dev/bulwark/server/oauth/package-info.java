/** End-to-end tests of interactive login (authorization code + PKCE, registration, federation) over HTTP. */
package dev.bulwark.server.oauth;
