"""What the tests share: driving the app in Pilot, a tmux terminal, an sshd, the message scan,
and the small archives they write."""
