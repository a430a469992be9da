package io.streamspace.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code --name value} / {@code --name=value} options of the session-start and agents benchmarks.
 */
public final class Options {

  private Options() {}

  /** The options by name (without dashes); null after printing the usage for --help. */
  public static Map<String, String> parse(String[] args, String usage) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--help") || arg.equals("-h")) {
        System.out.print(usage);
        return null;
      }
      if (!arg.startsWith("--")) {
        System.err.print("bench: unexpected argument " + arg + "\n" + usage);
        System.exit(2);
      }
      int eq = arg.indexOf('=');
      if (eq > 0) {
        options.put(arg.substring(2, eq), arg.substring(eq + 1));
      } else if (i + 1 < args.length) {
        options.put(arg.substring(2), args[++i]);
      } else {
        System.err.print("bench: " + arg + " needs a value\n" + usage);
        System.exit(2);
      }
    }
    return options;
  }

  /** What a benchmark does with its parsed options; answers the exit status. */
  @FunctionalInterface
  public interface Benchmark {
    int run(Map<String, String> options) throws Exception;
  }

  /**
   * Parses {@code args}, runs {@code benchmark} and exits with its status; a failure of the server
   * or of the setup is one line and status 1.
   */
  public static void runAndExit(String[] args, String usage, Benchmark benchmark) throws Exception {
    Map<String, String> options = parse(args, usage);
    if (options == null) {
      return;
    }
    int status;
    try {
      status = benchmark.run(options);
    } catch (ApiClient.ApiException | IllegalStateException e) {
      System.err.println("bench: failed: " + e.getMessage());
      status = 1;
    }
    System.exit(status);
  }

  /** The system admin's password: {@code --admin-password}, else $STREAMSPACE_ADMIN_PASSWORD. */
  public static String adminPassword(Map<String, String> options) {
    String password =
        options.getOrDefault("admin-password", System.getenv("STREAMSPACE_ADMIN_PASSWORD"));
    if (password == null) {
      throw new IllegalStateException("no --admin-password and no $STREAMSPACE_ADMIN_PASSWORD");
    }
    return password;
  }

  static String required(Map<String, String> options, String name, String usage) {
    String value = options.get(name);
    if (value == null) {
      System.err.print("bench: --" + name + " is required\n" + usage);
      System.exit(2);
    }
    return value;
  }
}
