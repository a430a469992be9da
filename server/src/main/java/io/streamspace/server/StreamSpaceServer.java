package io.streamspace.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The API server: assembles the command side, the query side and the VNC proxy in one process. */
@SpringBootApplication(scanBasePackages = "io.streamspace")
@ConfigurationPropertiesScan("io.streamspace")
public class StreamSpaceServer {

  public static void main(String[] args) {
    SpringApplication.run(StreamSpaceServer.class, args);
  }
}
