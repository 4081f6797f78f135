/**
 * Permission-aware data access: governed SQL with row filters and column masks ({@link dev.bulwark.data.sql}).
 */
package dev.bulwark.data;
