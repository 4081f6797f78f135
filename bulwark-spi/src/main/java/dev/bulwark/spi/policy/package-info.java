/** Run-time authorization: a {@link dev.bulwark.spi.policy.PolicyEngine} turns a request into a decision. */
package dev.bulwark.spi.policy;
