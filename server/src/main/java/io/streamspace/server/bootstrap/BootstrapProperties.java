package io.streamspace.server.bootstrap;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the first start of a platform creates.
 *
 * @param enabled whether to seed at all (tests that build their own world switch it off)
 * @param adminPassword the password of the system admin {@code admin} (also read from {@code
 *     STREAMSPACE_ADMIN_PASSWORD}); when blank one is generated and printed once. Only read on the
 *     first start: later changes go through the API.
 * @param maxSessions the default organization's session quota
 * @param maxCpuMillis the default organization's CPU quota, in millicores
 * @param maxMemoryMb the default organization's memory quota, in MiB
 */
@ConfigurationProperties("streamspace.bootstrap")
public record BootstrapProperties(
    @DefaultValue("true") boolean enabled,
    String adminPassword,
    @DefaultValue("20") int maxSessions,
    @DefaultValue("16000") int maxCpuMillis,
    @DefaultValue("32768") int maxMemoryMb) {}
