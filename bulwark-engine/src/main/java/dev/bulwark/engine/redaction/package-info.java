/** Making argument trees safe to record: credentials replaced, long values shortened to a correlatable marker. */
package dev.bulwark.engine.redaction;
