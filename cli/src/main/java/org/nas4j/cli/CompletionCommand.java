package org.nas4j.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nas completion bash|zsh}: prints the shell completion script picocli generates from the command tree. It is one
 * script for both shells: under zsh it loads {@code compinit} and {@code bashcompinit} itself.
 */
@Command(name = "completion", mixinStandardHelpOptions = true,
    description = {"Print a shell completion script for nas (commands, options, enum values).",
        "bash: nas completion bash > ~/.local/share/bash-completion/completions/nas",
        "zsh:  nas completion zsh > ~/.zfunc/nas.zsh, then add 'source ~/.zfunc/nas.zsh' to ~/.zshrc"},
    footer = {"%nExample:%n  source <(nas completion bash)"})
final class CompletionCommand implements Callable<Integer> {
  enum Shell { bash, zsh }

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "SHELL", description = "Shell: ${COMPLETION-CANDIDATES}.")
  Shell shell;

  @Override
  public Integer call() {
    CommandLine root = spec.root().commandLine();
    spec.commandLine().getOut().print(AutoComplete.bash("nas", root));
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
