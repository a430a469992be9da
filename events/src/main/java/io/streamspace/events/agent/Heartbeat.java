package io.streamspace.events.agent;

import java.time.Instant;

/**
 * Sent every {@link AgentProtocol#HEARTBEAT_INTERVAL}: the agent is alive, and what it uses now.
 *
 * @param sessions sessions it runs
 * @param cpuMillisUsed CPU its sessions use, in thousandths of a core
 * @param memoryMbUsed memory its sessions use, in MiB
 * @param loadAverage the machine's one-minute load average
 */
public record Heartbeat(
    Instant sentAt, int sessions, int cpuMillisUsed, int memoryMbUsed, double loadAverage) {}
