# The route check's server side: GitLab's router (Grape on Mustermann, through Rack) asked
# what it decodes from the requests the client builds. Read-only use of Debian's
# ruby-grape; no network: requests go through Rack::MockRequest, in this process.
#
# Input (stdin), one JSON document a line:
#   first {"routes": [{"method": "GET", "path": "/api/v4/projects/:id/…", "vars": ["id", …]}, …]}
#   then  {"route": 3, "method": "GET", "target": "/r3/api/v4/…?a=b", "headers": {"X-Y": "z"}}
#         (and for a multipart upload "body" and "content_type", as the client sent them)
# Output (stdout), one line a request: {"status": 200, "params": {…}} — every route is
# mounted under its own prefix `/r<index>`, with GitLab's `[^/]+` requirement for named
# variables and `format: false`, and answers the params Grape decoded (path, query,
# headers as `header:<name>`).
require "grape"
require "json"

$stdout.sync = true
first = JSON.parse($stdin.gets)
api = Class.new(Grape::API) do
  # No `format`: Grape would take a trailing `.json` of a value for the format.
  content_type :txt, "text/plain"
  default_format :txt
  first.fetch("routes").each_with_index do |route, i|
    requirements = route.fetch("vars").to_h { |v| [v.to_sym, %r{[^/]+}] }
    # `format: false`, as GitLab's package routes declare: a value ending in `.json` is
    # the value, not a response format.
    send(route.fetch("method").downcase, "/r#{i}#{route.fetch("path")}", requirements: requirements, format: false) do
      out = params.to_h
      # A file part: its name as Rack read it (the rest is a tempfile).
      out.each { |k, v| out[k] = { "filename" => v["filename"] } if v.is_a?(Hash) && v.key?("tempfile") }
      headers.each { |k, v| out["header:#{k.downcase}"] = v }
      JSON.generate(out)
    end
  end
end
$stdin.each_line do |line|
  request = JSON.parse(line)
  options = { method: request.fetch("method") }
  if request["body"]
    options[:input] = request["body"]
    options["CONTENT_TYPE"] = request.fetch("content_type")
  end
  env = Rack::MockRequest.env_for(request.fetch("target"), options)
  request.fetch("headers", {}).each do |k, v|
    env["HTTP_#{k.upcase.tr("-", "_")}"] = v
  end
  status, _, body = api.call(env)
  text = +""
  body.each { |part| text << part }
  params = (200..299).cover?(status) ? JSON.parse(text) : {}
  puts JSON.generate({ "status" => status, "params" => params })
end
