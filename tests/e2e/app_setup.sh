# Sourced by run_app.sh for the main e2e app (app/): a link inside the asset scope to a file
# outside it (scenario asset_protocol).
ln -s ../warden.conf.json "$APP/assets/escape.txt"
