namespace RefundPortal.Features.Shared;

/// <summary>Where a step of a <see cref="StepList"/> stands.</summary>
public enum StepState { Done, Current, Next, Closed }
