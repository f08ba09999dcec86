# Sourced by run_app.sh for the global-shortcut e2e's Wayland run: the host runs as a Wayland
# client of Debian's weston with its headless backend (under_weston.sh, in place of WARDEN), where
# no client may grab keys for the whole desktop: register must say so.
HERE_GS="$E2E/global-shortcut"
e2e_require_tools "global-shortcut e2e (setup_wayland.sh)" weston
e2e_wrap_host "$HERE_GS/under_weston.sh"
