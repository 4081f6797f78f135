package dev.bulwark.testkit;

import dev.bulwark.spi.guard.Detector;
import dev.bulwark.spi.guard.Finding;
import java.util.List;
import java.util.Objects;

/** A detector named {@code broken} that fails on every text, as one whose model did not load; callers fail closed. */
public final class FailingDetector implements Detector {
    private final String failure;

    /** {@code failure} becomes the message of the {@link IllegalStateException} every call throws. */
    public FailingDetector(String failure) {
        this.failure = Objects.requireNonNull(failure, "failure");
    }

    @Override
    public String name() {
        return "broken";
    }

    @Override
    public List<Finding> detect(String text) {
        throw new IllegalStateException(failure);
    }
}
