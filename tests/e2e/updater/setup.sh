# Sourced by run_app.sh before each of the updater e2e's runs (MODE=update|insecure, PORT, PUBKEY:
# --var): the copied app as version 1.0.0 of the run's server and key.
insecure=true
[ "$MODE" != insecure ] || insecure=false
substitute @MODE@ "$MODE"
substitute @VERSION@ 1.0.0
substitute @PORT@ "$PORT"
substitute @PUBKEY@ "$PUBKEY"
substitute @INSECURE@ "$insecure"
