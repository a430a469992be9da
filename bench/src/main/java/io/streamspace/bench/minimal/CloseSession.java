package io.streamspace.bench.minimal;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The reference application's second command: close (stop) an open session. */
public record CloseSession(@TargetAggregateIdentifier String sessionId) {}
