package dev.hostkeep.cli;

import dev.hostkeep.core.apply.TargetExecutor;
import dev.hostkeep.core.capability.Capability;
import dev.hostkeep.core.capability.ConfigureContext;
import dev.hostkeep.core.capability.ConfiguredCapability;
import dev.hostkeep.core.capability.RunContext;
import dev.hostkeep.core.config.ConfigObject;
import dev.hostkeep.core.config.ConfigValue;
import dev.hostkeep.core.plan.Change;
import dev.hostkeep.core.plan.GuardPolicy;
import dev.hostkeep.core.plan.Plan;
import dev.hostkeep.core.plan.TargetPlan;
import dev.hostkeep.core.secret.Secret;
import dev.hostkeep.core.state.RecordKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A capability for tests only: keeps the files of a folder as the config lists them. It exercises
 * the whole loop through the real CLI (plan, guard, confirmation, apply, journal, state) with
 * effects a test can observe on disk. {@code fail:} lists files whose writes fail, for partial
 * failures; {@code token:} is a secret that is written into each file, to prove secrets stay out of
 * output.
 */
public final class FolderCapability implements Capability {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(FolderCapability.class);
  static final String NAME = "test-folders";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String summary() {
    return "test only: keep a folder's files as listed";
  }

  @Override
  public ConfiguredCapability configure(ConfigValue section, ConfigureContext context) {
    List<Folder> folders = new ArrayList<>();
    for (ConfigValue item : section.asObject().map(o -> o.list("folders")).orElse(List.of())) {
      item.asObject().ifPresent(object -> folders.add(folder(object)));
    }
    return new Configured(folders, context.guard());
  }

  private static Folder folder(ConfigObject object) {
    Folder folder =
        new Folder(
            object.string("name"),
            Path.of(object.string("path", "/nonexistent")),
            new TreeSet<>(object.strings("files")),
            object.string("content", "hello"),
            Set.copyOf(object.strings("fail")),
            object.optionalSecret("token"));
    object.finish();
    return folder;
  }

  record Folder(
      String name,
      Path path,
      Set<String> files,
      String content,
      Set<String> fail,
      Optional<Secret> token) {
    String target() {
      return "folder:" + name;
    }

    String body() {
      return content + token.map(t -> " " + t.reveal()).orElse("");
    }
  }

  private record Configured(List<Folder> folders, GuardPolicy guard)
      implements ConfiguredCapability {
    @Override
    public String name() {
      return NAME;
    }

    @Override
    public Plan plan(RunContext context) {
      List<TargetPlan> targets = new ArrayList<>();
      for (Folder folder : folders) {
        Set<String> present = list(folder.path());
        List<Change> changes = new ArrayList<>();
        for (String file : folder.files()) {
          if (!present.contains(file)) {
            changes.add(
                Change.create(
                    folder.target(), "file", file, folder.content().length() + " bytes", folder));
          } else if (!read(folder.path().resolve(file)).equals(folder.body())) {
            changes.add(
                Change.update(
                    folder.target(), "file", file, "other content", "expected content", folder));
          }
        }
        for (String file : present) {
          if (!folder.files().contains(file)) {
            changes.add(Change.delete(folder.target(), "file", file, null, folder));
          }
        }
        context.state().get(new RecordKey(NAME, folder.target(), "last"));
        targets.add(new TargetPlan(folder.target(), present.size(), changes, guard));
      }
      return new Plan(NAME, targets, List.of());
    }

    @Override
    public TargetExecutor executor(String target, RunContext context) {
      return change -> {
        Folder folder = (Folder) change.payload();
        Path file = folder.path().resolve(change.key());
        LOG.debug("writing {} with body '{}'", file, folder.body());
        if (folder.fail().contains(change.key())) {
          throw new IOException(
              "cannot write " + file + " ('" + folder.body() + "'): injected failure");
        }
        switch (change.action()) {
          case CREATE, UPDATE -> Files.writeString(file, folder.body());
          case DELETE -> Files.delete(file);
        }
        context.state().put(new RecordKey(NAME, target, "last"), change.key());
      };
    }

    private static Set<String> list(Path dir) {
      if (!Files.isDirectory(dir)) {
        return new TreeSet<>();
      }
      try (Stream<Path> files = Files.list(dir)) {
        return new TreeSet<>(files.map(p -> p.getFileName().toString()).toList());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private static String read(Path file) {
      try {
        return Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
