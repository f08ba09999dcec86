# Sourced by run_app.sh for the isolation-skip and invoke-key attacks: $HOME/data, where the
# page's fs:allow-write-file grant points (@DATA@ in its page), and the run's own XDG folders.
mkdir -p "$WORK/home/data" "$WORK/xdg/data" "$WORK/xdg/config" "$WORK/xdg/cache"
substitute @DATA@ "$WORK/home/data"
