package io.streamspace.command.common;

import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Where and how the command side's commands run. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CommandSideProperties.class)
public class CommandDispatchConfiguration {

  @Bean
  CommandExecutor commandExecutor(CommandSideProperties properties) {
    return CommandExecutor.of(properties);
  }

  /**
   * Makes every unit of work on the command bus roll back whatever ends it, not only unchecked
   * exceptions (Axon's default). Otherwise a checked exception (an {@link InterruptedException}
   * while applying an event, an {@link Exception} from {@code Repository.newInstance}) commits the
   * half that already ran: a quota reservation stored without its session.
   */
  @Bean
  static BeanPostProcessor commandBusRollsBackOnAnyThrowable() {
    return new RollbackOnAnyThrowable();
  }

  /** Sets {@link RollbackConfigurationType#ANY_THROWABLE} on the command bus as it is created. */
  static final class RollbackOnAnyThrowable implements BeanPostProcessor {

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
      if (bean instanceof SimpleCommandBus commandBus) {
        commandBus.setRollbackConfiguration(RollbackConfigurationType.ANY_THROWABLE);
      }
      return bean;
    }
  }
}
