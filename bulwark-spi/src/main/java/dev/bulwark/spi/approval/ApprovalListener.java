package dev.bulwark.spi.approval;

/** Told when a new approval request is opened, e.g. to notify approvers. Must not throw; must not block long. */
@FunctionalInterface
public interface ApprovalListener {
    ApprovalListener NONE = request -> { };

    void opened(ApprovalRequest request);
}
