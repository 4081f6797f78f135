/**
 * A filesystem connector jailed to configured root directories: {@code fs.read}, {@code fs.list} (kind read) and
 * {@code fs.write} (kind write). Paths are relative, canonical and checked component by component
 * ({@link dev.bulwark.files.RelativePath}); every access walks from a handle on the root directory, opening each
 * component relative to its parent's handle with no-follow semantics ({@link dev.bulwark.files.Jail}), so a symlink
 * swapped in after a check is never followed.
 */
package dev.bulwark.files;
