"""The X display of a windows or menus e2e run, for the drivers' X tools (xdotool, wmctrl, xprop,
xwininfo): under_openbox.sh writes WORK/x-display (DISPLAY and XAUTHORITY of xvfb-run's server)
once openbox manages it, after the driver started; the first X request reads it."""
import os
import subprocess

from page_driver import DriverError


class XDisplay:
    def __init__(self, work):
        self.work = work
        self.environment = None

    def env(self):
        """The environment of the X tools: this run's display, read once (the file names it)."""
        if self.environment is None:
            path = os.path.join(self.work, "x-display")
            if not os.path.exists(path):
                raise DriverError("the display is not up yet (no x-display file from under_openbox.sh)")
            env = dict(os.environ)
            with open(path, encoding="utf-8") as f:
                for line in f:
                    name, _, value = line.rstrip("\n").partition("=")
                    if name:
                        env[name] = value
            self.environment = env
        return self.environment

    def run(self, *args, check=True):
        """The tool's output; a failure (when `check`) raises a DriverError naming the command."""
        done = subprocess.run(args, env=self.env(), capture_output=True, text=True, timeout=20)
        if check and done.returncode != 0:
            raise DriverError(f"{' '.join(args)} failed ({done.returncode}): {done.stderr.strip()}")
        return done.stdout
