#pragma once
// The host's open-file limit. Every window's calls, every plugin's files, pipes of shell children
// and the WebKit processes' sockets share one table of descriptors: under the usual soft limit of
// 1,024, one page's children used it up and every window's fs and store work failed (issue 13,
// finding 8). The soft limit is raised to the hard one at start, which any process may do; the
// shell plugin's caps still bound what pages take of it.
namespace warden::cli {

// Raises RLIMIT_NOFILE's soft limit to its hard limit; logs what it did at debug level (and why
// not, when the system refuses). Never fails the host.
void raise_open_file_limit();

}  // namespace warden::cli
